/**
 * One page, two roles: `?window=phone` is the phone page (the SIP engine and a small status
 * view, kept open while the UI reloads); anything else is the agent's UI. Each role loads only
 * its own code.
 */
import './styles.css';

if (new URLSearchParams(location.search).get('window') === 'phone') await import('./phone/page/phone-page');
else await import('./ui-main');
