import { z } from 'zod';
import { pbxModeDigitSchema, type PbxSupervisionDial } from '../../shared/protocol/supervisor-protocol';

/** The one placeholder: the supervised agent's SIP user, as their phone registers. */
export const EXT_PLACEHOLDER = '{ext}';

/**
 * Characters a dial string may hold around `{ext}`: a SIP user part without escaping (letters,
 * digits, `*` of feature codes, `+`, `.`, `_`, `~`, `-`), optionally as a full
 * `sip:user@host[:port]` URI so the call can go to a PBX outside the phone's own domain.
 * `#` is left out on purpose: in a SIP URI it must be escaped, and PBXs differ on whether they
 * decode it, so a feature code with `#` would fail in ways no test here can show.
 */
const USER = '[A-Za-z0-9*+._~-]*';
const TEMPLATE_SHAPE = new RegExp(`^(?:sips?:)?${USER}\\{ext\\}${USER}(?:@[A-Za-z0-9.-]+(?::\\d{1,5})?)?$`);

export const pbxDialTemplateSchema = z
  .string()
  .max(200)
  .superRefine((template, ctx) => {
    const unknown = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[0]).filter((p) => p !== EXT_PLACEHOLDER);
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `unknown placeholder ${unknown.join(', ')}: the only one is ${EXT_PLACEHOLDER}, the agent's SIP user` });
    } else if (!template.includes(EXT_PLACEHOLDER)) {
      ctx.addIssue({ code: 'custom', message: `the dial string must contain ${EXT_PLACEHOLDER} (the supervised agent's SIP user), e.g. "*222${EXT_PLACEHOLDER}"` });
    } else if (template.split(EXT_PLACEHOLDER).length > 2) {
      ctx.addIssue({ code: 'custom', message: `${EXT_PLACEHOLDER} may appear only once in the dial string` });
    } else if (!TEMPLATE_SHAPE.test(template)) {
      ctx.addIssue({
        code: 'custom',
        message: 'the dial string must be a SIP user (letters, digits and * + . _ ~ -) or sip:user@host, with {ext} in the user part',
      });
    }
  });

/**
 * The hub config's `supervisionPbx`. The default digits are Asterisk ChanSpy's with the `d`
 * option: 4 spy (monitor), 5 whisper, 6 barge.
 */
export const pbxSupervisionConfigSchema = z
  .object({
    dialTemplate: pbxDialTemplateSchema,
    digits: z
      .object({
        monitor: pbxModeDigitSchema.default('4'),
        whisper: pbxModeDigitSchema.default('5'),
        barge: pbxModeDigitSchema.default('6'),
      })
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const { monitor, whisper, barge } = config.digits;
    if (new Set([monitor, whisper, barge]).size < 3) {
      ctx.addIssue({ code: 'custom', path: ['digits'], message: `each mode needs its own digit (monitor ${monitor}, whisper ${whisper}, barge ${barge})` });
    }
  });
export type PbxSupervisionConfig = z.infer<typeof pbxSupervisionConfigSchema>;
export type PbxSupervisionConfigInput = z.input<typeof pbxSupervisionConfigSchema>;

/** What the supervisor's phone dials to supervise the agent whose SIP user is `ext`. */
export function pbxDialFor(config: PbxSupervisionConfig, ext: string): PbxSupervisionDial {
  return { target: config.dialTemplate.replace(EXT_PLACEHOLDER, ext), digits: { ...config.digits } };
}
