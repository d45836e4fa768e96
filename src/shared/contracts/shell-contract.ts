import { z } from 'zod';
import { agentStateSchema } from '../domain/agent';
import { dialTargetSchema, dialUriProblems } from '../dial-uri';
import { defineContract } from '../rpc/contract';

/**
 * What the UI needs from the desktop shell (Electron main): updates, global shortcuts, the
 * supervised phone window, the tray, notifications and click-to-dial. Only the Electron shell
 * serves this contract; the web host does not, and the UI treats `unknown_method` as "no shell".
 */

export const shellLanguages = ['zh-CN', 'zh-TW', 'en'] as const;
export const shellLanguageSchema = z.enum(shellLanguages);
export type ShellLanguage = z.infer<typeof shellLanguageSchema>;

export const updateChannelSchema = z.enum(['stable', 'beta']);
export type UpdateChannel = z.infer<typeof updateChannelSchema>;

export const shortcutActions = ['answer', 'hangUp', 'mute'] as const;
export const shortcutActionSchema = z.enum(shortcutActions);
export type ShortcutAction = z.infer<typeof shortcutActionSchema>;

/** An Electron accelerator such as `CommandOrControl+Alt+A`; checked in full by the shell. */
export const acceleratorSchema = z.string().trim().min(1).max(64);

/** The settings a user can see and change from the UI; the host keeps them in a file in the data dir. */
export const shellSettingsSchema = z.object({
  /** Null: run the embedded demo hub. */
  hubUrl: z.url({ protocol: /^https?$/ }).max(500).nullable(),
  updates: z.object({
    /** Base URL of a generic update feed (where latest*.yml live). Null: updates are off. */
    feedUrl: z.url({ protocol: /^https?$/ }).max(500).nullable(),
    channel: updateChannelSchema,
    autoCheck: z.boolean(),
  }),
  shortcuts: z.object({ answer: acceleratorSchema.nullable(), hangUp: acceleratorSchema.nullable(), mute: acceleratorSchema.nullable() }),
  launchAtLogin: z.boolean(),
  /** Closing the window keeps the app in the tray while the phone is registered. */
  closeToTray: z.boolean(),
  notifications: z.boolean(),
  /** A tel:/sip: link from outside the app (a web page, another program) asks before it dials. */
  confirmDialLinks: z.boolean().default(true),
});
export type ShellSettings = z.infer<typeof shellSettingsSchema>;

export const shellSettingsPatchSchema = z.object({
  hubUrl: shellSettingsSchema.shape.hubUrl.optional(),
  updates: shellSettingsSchema.shape.updates.partial().optional(),
  shortcuts: shellSettingsSchema.shape.shortcuts.partial().optional(),
  launchAtLogin: z.boolean().optional(),
  closeToTray: z.boolean().optional(),
  notifications: z.boolean().optional(),
  confirmDialLinks: z.boolean().optional(),
});
export type ShellSettingsPatch = z.infer<typeof shellSettingsPatchSchema>;

export const updateProblems = ['network', 'feed_invalid', 'no_artifact', 'tampered', 'disk', 'install_failed'] as const;
const updateBase = z.object({ currentVersion: z.string(), channel: updateChannelSchema });
/** The update state machine, as the UI shows it. */
export const updateStateSchema = z.discriminatedUnion('status', [
  updateBase.extend({ status: z.literal('disabled') }),
  updateBase.extend({ status: z.literal('idle') }),
  updateBase.extend({ status: z.literal('checking') }),
  updateBase.extend({ status: z.literal('up_to_date'), checkedAt: z.number() }),
  updateBase.extend({
    status: z.literal('downloading'),
    version: z.string(),
    transferred: z.number().nonnegative(),
    total: z.number().nonnegative(),
  }),
  /** Downloaded and its sha512 verified: "Restart to update" is offered. */
  updateBase.extend({ status: z.literal('ready'), version: z.string(), releaseNotes: z.string().max(20_000).nullable() }),
  /** The user asked to restart; the shell waits until no call is active. */
  updateBase.extend({ status: z.literal('waiting_for_calls'), version: z.string(), activeCalls: z.number().int().positive() }),
  updateBase.extend({ status: z.literal('installing'), version: z.string() }),
  updateBase.extend({
    status: z.literal('error'),
    problem: z.enum(updateProblems),
    message: z.string().max(500),
    version: z.string().nullable(),
  }),
]);
export type UpdateState = z.infer<typeof updateStateSchema>;
export type UpdateProblem = (typeof updateProblems)[number];

export const shortcutStatusSchema = z.object({
  action: shortcutActionSchema,
  accelerator: z.string().nullable(),
  /** False with a problem when another program holds the key or it is not a valid accelerator. */
  registered: z.boolean(),
  problem: z.enum(['conflict', 'invalid']).nullable(),
});
export type ShortcutStatus = z.infer<typeof shortcutStatusSchema>;

/** The hidden window that runs the phone engine; main restarts it when its renderer dies. */
export const phoneWindowStateSchema = z.object({
  status: z.enum(['starting', 'running', 'restarting', 'gave_up']),
  /** Restarts after a crash since the app started. */
  restarts: z.number().int().nonnegative(),
  /** Why the last renderer went away (Electron's `render-process-gone` reason), if it did. */
  lastCrash: z.object({ reason: z.string().max(40), exitCode: z.number().int(), at: z.number() }).nullable(),
});
export type PhoneWindowState = z.infer<typeof phoneWindowStateSchema>;

export const dialRequestSchema = z.object({ id: z.string().max(64), target: dialTargetSchema, receivedAt: z.number() });
export type DialRequest = z.infer<typeof dialRequestSchema>;

export const notificationKindSchema = z.enum(['offer', 'sentiment_alert', 'missed_call']);
export type NotificationKind = z.infer<typeof notificationKindSchema>;

export const shellStatusSchema = z.object({
  appVersion: z.string(),
  platform: z.string(),
  update: updateStateSchema,
  phone: phoneWindowStateSchema,
  shortcuts: z.array(shortcutStatusSchema),
  settings: shellSettingsSchema,
});
export type ShellStatus = z.infer<typeof shellStatusSchema>;

export const shellContract = defineContract({
  name: 'shell',
  methods: {
    status: { input: z.object({}), output: shellStatusSchema },
    updateSettings: { input: shellSettingsPatchSchema, output: shellSettingsSchema },
    /** The UI tells the shell what the tray and notifications should say. */
    syncState: {
      input: z.object({
        language: shellLanguageSchema,
        signedIn: z.boolean(),
        agentState: agentStateSchema.nullable(),
        displayName: z.string().max(100).nullable(),
      }),
      output: z.object({}),
    },
    /** The phone engine reports registration and calls: the tray and "restart to update" depend on them. */
    reportPhone: { input: z.object({ registered: z.boolean(), activeCalls: z.number().int().min(0).max(100) }), output: z.object({}) },
    /** A native notification; the shell writes the title in the user's language and shows it when the window is not in front. */
    notify: {
      input: z.object({
        kind: notificationKindSchema,
        /** Who it is about, as the UI shows it (user data, not translated). */
        subject: z.string().max(100),
        preview: z.string().max(500),
        conversationId: z.string().max(100).nullable(),
        offerId: z.string().max(100).nullable(),
      }),
      output: z.object({ shown: z.boolean() }),
    },
    checkForUpdates: { input: z.object({}), output: updateStateSchema },
    /** Installs a downloaded update now, or as soon as no call is active. */
    restartToUpdate: { input: z.object({}), output: updateStateSchema },
    /** Dial requests that arrived before the UI listened (the app was started by a tel: link). */
    takeDialRequests: { input: z.object({}), output: z.array(dialRequestSchema) },
  },
  events: {
    update: updateStateSchema,
    phone: phoneWindowStateSchema,
    shortcuts: z.array(shortcutStatusSchema),
    /** A global shortcut was pressed. */
    shortcut: z.object({ action: shortcutActionSchema }),
    /** The agent picked a state from the tray menu; the UI sets it through the workspace contract. */
    agentStateRequested: z.object({ state: agentStateSchema }),
    /** A notification was clicked: bring this contact to the front. */
    focusContact: z.object({ conversationId: z.string().nullable(), offerId: z.string().nullable() }),
    dial: dialRequestSchema,
    dialRefused: z.object({ problem: z.enum(dialUriProblems), message: z.string().max(300) }),
    settings: shellSettingsSchema,
  },
});
