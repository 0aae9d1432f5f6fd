import type { Dayjs } from 'dayjs';
import type { Channel, ChannelInput, ChannelKind, ChannelPatch, ChannelQrType, StaffUser } from '@/api/types';

// The pure parts of the channels page: a channel's state, the form ↔ API mapping, the staff of a store.

export type ChannelStatus = 'active' | 'disabled' | 'expired';

/** Disabled wins over expired: re-enabling is what a manager can do about it; an expired one needs a new date. */
export function channelStatus(channel: Pick<Channel, 'disabled' | 'validUntil'>, now: Date): ChannelStatus {
  if (channel.disabled) return 'disabled';
  if (channel.validUntil && new Date(channel.validUntil).getTime() < now.getTime()) return 'expired';
  return 'active';
}

export interface ChannelFormValues {
  kind: ChannelKind;
  name: string;
  teamId: string;
  staffId?: string | null;
  validUntil?: Dayjs | null;
}

/** A code works through the whole chosen day. */
const endOfDay = (day: Dayjs) => day.endOf('day').toISOString();

export function toChannelInput(values: ChannelFormValues): ChannelInput {
  return {
    kind: values.kind,
    name: values.name.trim(),
    teamId: values.teamId,
    ...(values.staffId ? { staffId: values.staffId } : {}),
    ...(values.validUntil ? { validUntil: endOfDay(values.validUntil) } : {}),
  };
}

/** An edit sends every field of the form: clearing the staff member or the date sends null. */
export function toChannelPatch(values: ChannelFormValues): ChannelPatch {
  return {
    name: values.name.trim(),
    teamId: values.teamId,
    staffId: values.staffId ?? null,
    validUntil: values.validUntil ? endOfDay(values.validUntil) : null,
  };
}

/** The staff a channel of this store may name: members of the store itself. */
export function staffOfStore(staff: readonly StaffUser[], teamId: string | undefined): StaffUser[] {
  return teamId ? staff.filter((member) => member.teamId === teamId) : [];
}

/** The image types of a channel's QR code: the mini-program code only when WeChat is configured. */
export function qrTypesFor(wechatCodes: boolean): ChannelQrType[] {
  return wechatCodes ? ['wxacode', 'h5'] : ['h5'];
}

/** A file name for a downloaded code: the channel's name, safe for every file system. */
export function qrFileName(channelName: string, type: ChannelQrType, format: 'png' | 'svg'): string {
  const safe = channelName.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'channel';
  return `${safe}-${type}.${format}`;
}
