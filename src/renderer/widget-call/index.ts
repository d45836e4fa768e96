/**
 * Entry of the widget's call bundle: the widget page (plain script, no modules) finds the
 * starter on window.SwitchboardVisitorCall.
 */
import { startVisitorCall } from './visitor-call';

declare global {
  interface Window {
    SwitchboardVisitorCall?: { start: typeof startVisitorCall };
  }
}

window.SwitchboardVisitorCall = { start: startVisitorCall };
