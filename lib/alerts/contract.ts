// The /api/0 alert shapes: an organization's channels and their delivery log, a project's rules.
import type { z } from 'zod';
import type { RuleFilter, Trigger, TriggerConfig } from './ruleSchema.ts';
import type { ruleInputSchema, ruleUpdateSchema } from './ruleRecords.ts';
import type { channelInputSchema, channelUpdateSchema } from './channelRecords.ts';
import type { ChannelType } from './channels/config.ts';

export type { ChannelType, RuleFilter, Trigger, TriggerConfig };

export interface Channel {
  id: string;
  name: string;
  type: ChannelType;
  /** The type's settings with secrets masked. */
  config: Record<string, unknown>;
  isActive: boolean;
  dateCreated: string;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'digested';

export interface Delivery {
  id: string;
  status: DeliveryStatus;
  attempts: number;
  kind: 'issue' | 'digest' | 'test';
  subject: string;
  ruleId: string | null;
  issueId: string | null;
  recipients?: string[];
  digestOf?: string[];
  /** The receiver's reply; only its status (`HTTP 500`) for anyone but a superuser. */
  response: string | null;
  /** Why it failed; at most 200 characters for anyone but a superuser. */
  error: string | null;
  nextAttemptAt: string | null;
  dateSent: string | null;
  dateCreated: string;
}

export interface Rule {
  id: string;
  name: string;
  isActive: boolean;
  trigger: Trigger;
  triggerConfig: TriggerConfig | null;
  filters: RuleFilter[];
  channels: string[];
  throttleMinutes: number;
  notifyAssignee: boolean;
  dateCreated: string;
}

/** What POST and PUT accept (before defaults). */
export type ChannelInput = z.input<typeof channelInputSchema>;
export type ChannelUpdate = z.input<typeof channelUpdateSchema>;
export type RuleInput = z.input<typeof ruleInputSchema>;
export type RuleUpdate = z.input<typeof ruleUpdateSchema>;
