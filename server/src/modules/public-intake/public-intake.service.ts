import { createHash } from 'node:crypto'
import { builtInPrincipal } from '../../auth/principal.js'
import { recordAudit } from '../../audit/audit.js'
import type { Db } from '../../db/prisma.js'
import type { ChannelKind, Prisma } from '../../generated/prisma/client.js'
import type { AuthenticatedContext, RequestContext } from '../../http/context.js'
import { AppError } from '../../http/errors.js'
import { claimIdempotencyKey } from '../../http/idempotency.js'
import type { ChannelTokens, FormTokenClaims } from '../../lib/channel-tokens.js'
import type { DataCipher } from '../../lib/crypto.js'
import { normalisePhone } from '../../lib/phone.js'
import { CustomerInput } from '../customers/customers.schemas.js'
import type { CustomersService } from '../customers/customers.service.js'
import { recomputeCustomerMetrics } from '../orders/orders.metrics.js'
import { recordCustomerEvents, recordEvents } from '../webhooks/webhook-events.js'
import {
  intakeLimits,
  type FeedbackReceiptDto,
  type FeedbackSubmissionData,
  type PhotoReceiptDto,
  type PublicChannelDto,
  type RegistrationSubmissionData,
} from './public-intake.schemas.js'

export interface PublicIntakeService {
  /** Opens the form of a printed code: the channel as the customer sees it and a form token for this device. */
  openChannel(ctx: RequestContext, channelToken: string, deviceHash: string): Promise<PublicChannelDto>
  /** Checks a form token's signature, expiry and device (no database): cheap enough to run before reading a body. */
  checkForm(formToken: string | undefined, deviceHash: string): FormTokenClaims
  uploadPhoto(ctx: RequestContext, form: FormTokenClaims, photo: Buffer): Promise<PhotoReceiptDto>
  submitFeedback(ctx: RequestContext, form: FormTokenClaims, input: FeedbackSubmissionData, idempotencyKey?: string): Promise<FeedbackReceiptDto & { replayed?: true }>
  register(ctx: RequestContext, form: FormTokenClaims, input: RegistrationSubmissionData, idempotencyKey?: string): Promise<{ received: true; replayed?: true }>
}

export interface PublicIntakeDependencies {
  db: Db
  cipher: DataCipher
  tokens: ChannelTokens
  customers: CustomersService
}

const channelInclude = {
  team: { select: { id: true, name: true } },
  staff: { select: { id: true, username: true, displayName: true, teamId: true, disabled: true } },
} as const satisfies Prisma.ChannelInclude
type ChannelRow = Prisma.ChannelGetPayload<{ include: typeof channelInclude }>

/** The content types allowed for photos, told by their first bytes (what the client claims is not trusted). */
export const sniffPhotoType = (bytes: Buffer): (typeof intakeLimits.photoTypes)[number] | null => {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp'
  return null
}

const isLive = (channel: ChannelRow, now = new Date()) =>
  channel.disabledAt === null && channel.deletedAt === null && (channel.validUntil === null || channel.validUntil > now)

const transactionOptions = { timeout: 30_000, maxWait: 10_000 } as const

export const createPublicIntakeService = ({ db, cipher, tokens, customers }: PublicIntakeDependencies): PublicIntakeService => {
  /** The channel a printed token names, refused when forged (403) or no longer valid (410). */
  const channelOfToken = async (token: string): Promise<ChannelRow> => {
    const code = tokens.codeOf(token)
    const channel = code === null ? null : await db.channel.findUnique({ where: { code }, include: channelInclude })
    if (channel === null) throw new AppError('CHANNEL_TOKEN_INVALID')
    if (!tokens.verify(token, channel.tokenVersion)) {
      // Signed for an earlier version: a genuine code that a reissue retired, not a forgery.
      const retired = Array.from({ length: channel.tokenVersion - 1 }, (_, index) => index + 1).some((version) => tokens.verify(token, version))
      throw new AppError(retired ? 'CHANNEL_EXPIRED' : 'CHANNEL_TOKEN_INVALID')
    }
    if (!isLive(channel)) throw new AppError('CHANNEL_EXPIRED')
    return channel
  }

  /** The channel of a verified form token, as it is now: gone or reissued meanwhile is 410, another kind 403. */
  const channelOfForm = async (client: Prisma.TransactionClient | Db, form: FormTokenClaims, kind: ChannelKind): Promise<ChannelRow> => {
    const channel = await client.channel.findUnique({ where: { id: form.channelId }, include: channelInclude })
    if (channel === null) throw new AppError('FORM_TOKEN_INVALID')
    if (channel.kind !== kind) throw new AppError('FORM_TOKEN_INVALID')
    if (channel.tokenVersion !== form.tokenVersion || !isLive(channel)) throw new AppError('CHANNEL_EXPIRED')
    return channel
  }

  /** The live customer who has this number (blind index of the E.164 form); several → the most recently active. */
  const customerWithPhone = async (client: Prisma.TransactionClient, phoneIndex: string): Promise<string | null> => {
    const rows = await client.$queryRaw<{ id: string }[]>`
      SELECT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
      WHERE p.number_hash = ${phoneIndex} AND c.deleted_at IS NULL
      ORDER BY c.last_activity_at DESC, c.id DESC LIMIT 1`
    return rows[0]?.id ?? null
  }

  /**
   * Who a self-registration acts as: the channel's staff member, else whoever created the channel, else the first
   * administrator. The principal has the administrator's built-in rights, so it may leave the customer ownerless.
   */
  const actingPrincipal = async (tx: Prisma.TransactionClient, ctx: RequestContext, channel: ChannelRow): Promise<AuthenticatedContext> => {
    const staff = channel.staff !== null && !channel.staff.disabled ? channel.staff : null
    const person =
      staff ??
      (channel.createdById === null
        ? null
        : await tx.user.findFirst({ where: { id: channel.createdById, disabled: false }, select: { id: true, username: true, displayName: true, teamId: true } })) ??
      (await tx.user.findFirstOrThrow({ where: { role: { key: 'admin' } }, orderBy: { createdAt: 'asc' }, select: { id: true, username: true, displayName: true, teamId: true } }))
    return { ...ctx, user: builtInPrincipal('admin', person) }
  }

  const feedbackReceipt = (row: { number: number; createdAt: Date }): FeedbackReceiptDto => ({ number: row.number, receivedAt: row.createdAt.toISOString() })

  return {
    openChannel: async (_ctx, channelToken, deviceHash) => {
      const channel = await channelOfToken(channelToken)
      const { token, expiresAt } = tokens.issueFormToken({ channelId: channel.id, tokenVersion: channel.tokenVersion, deviceHash })
      return {
        channel: { kind: channel.kind, storeName: channel.team.name, staffName: channel.staff?.displayName ?? null },
        formToken: token,
        expiresAt: expiresAt.toISOString(),
        limits: intakeLimits,
      }
    },

    checkForm: (formToken, deviceHash) => {
      if (formToken === undefined || formToken === '') throw new AppError('FORM_TOKEN_INVALID')
      const checked = tokens.checkFormToken(formToken)
      if (!checked.ok) throw new AppError(checked.reason === 'expired' ? 'FORM_TOKEN_EXPIRED' : 'FORM_TOKEN_INVALID')
      // A token copied to another device is refused: the limits are counted per device.
      if (checked.claims.deviceHash !== deviceHash) throw new AppError('FORM_TOKEN_INVALID')
      return checked.claims
    },

    uploadPhoto: async (_ctx, form, photo) => {
      const contentType = sniffPhotoType(photo)
      if (contentType === null) throw new AppError('PHOTO_TYPE_NOT_ALLOWED')
      if (photo.length > intakeLimits.maxPhotoBytes) throw new AppError('PHOTO_TOO_LARGE')
      const row = await db.$transaction(async (tx) => {
        await channelOfForm(tx, form, 'feedback')
        // Uploads of one form are counted one at a time, so parallel uploads cannot pass the limit together.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`photos:${form.formTokenId}`}, 0))`
        if ((await tx.feedbackPhoto.count({ where: { formTokenId: form.formTokenId } })) >= intakeLimits.maxPhotos) throw new AppError('TOO_MANY_PHOTOS')
        return tx.feedbackPhoto.create({
          data: {
            formTokenId: form.formTokenId,
            contentType,
            byteSize: photo.length,
            sha256: createHash('sha256').update(photo).digest('hex'),
            data: new Uint8Array(photo),
          },
          select: { id: true, contentType: true, byteSize: true },
        })
      })
      return { id: row.id, contentType, byteSize: row.byteSize }
    },

    submitFeedback: async (ctx, form, input, idempotencyKey) => {
      let phone: { e164: string } | null = null
      if (input.phone !== undefined && input.phone.trim() !== '') {
        phone = normalisePhone(input.phone)
        if (phone === null) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'phone', messageKey: 'validation.phone_number' }] })
        if (input.contactConsent !== true) {
          throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'contactConsent', messageKey: 'validation.contact_consent' }] })
        }
      }
      const photoIds = [...new Set(input.photoIds ?? [])]
      const outcome = await db.$transaction(async (tx) => {
        const channel = await channelOfForm(tx, form, 'feedback')
        const claim =
          idempotencyKey === undefined
            ? undefined
            : await claimIdempotencyKey(tx, { scope: `device:${form.deviceHash}`, key: idempotencyKey, operation: 'feedback.submit', body: input })
        if (claim !== undefined && claim.replayOf !== null) {
          return { replayed: true as const, row: await tx.feedback.findUniqueOrThrow({ where: { id: claim.replayOf }, select: { number: true, createdAt: true } }) }
        }
        const phoneIndex = phone === null ? null : cipher.blindIndex('phone', phone.e164)
        const sealed = phone === null ? null : cipher.seal(phone.e164)
        const customerId = phoneIndex === null ? null : await customerWithPhone(tx, phoneIndex)
        const created = await tx.feedback.create({
          data: {
            channelId: channel.id,
            teamId: channel.teamId,
            staffId: channel.staffId,
            rating: input.rating,
            nps: input.nps ?? null,
            category: input.category,
            text: input.text === undefined || input.text === '' ? null : input.text,
            phoneEncrypted: sealed?.ciphertext ?? null,
            phoneKeyId: sealed?.keyId ?? null,
            phoneIndex,
            contactConsent: input.contactConsent === true,
            customerId,
            customerLink: customerId === null ? null : 'phone',
            language: ctx.language,
            deviceHash: form.deviceHash,
            ip: ctx.ip,
          },
          select: { id: true, number: true, channelId: true, teamId: true, staffId: true, rating: true, nps: true, category: true, text: true, customerId: true, createdAt: true },
        })
        if (photoIds.length > 0) {
          // Only unattached photos of this very form: another form's photos, or ones already sent, are refused.
          const attached = await tx.feedbackPhoto.updateMany({
            where: { id: { in: photoIds }, formTokenId: form.formTokenId, feedbackId: null },
            data: { feedbackId: created.id },
          })
          if (attached.count !== photoIds.length) {
            throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'photoIds', messageKey: 'validation.photo_ids' }] })
          }
        }
        // The phone stays out of the event, like customers' phones.
        await recordEvents(tx, [{ type: 'feedback.created', data: { feedback: { ...created, hasPhone: sealed !== null, photoCount: photoIds.length } } }])
        await claim?.complete(created.id)
        return { replayed: false as const, row: created }
      })
      return outcome.replayed ? { ...feedbackReceipt(outcome.row), replayed: true } : feedbackReceipt(outcome.row)
    },

    register: async (ctx, form, input, idempotencyKey) => {
      if (!input.consent) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'consent', messageKey: 'validation.consent_required' }] })
      const phone = normalisePhone(input.phone)
      if (phone === null) throw new AppError('VALIDATION_FAILED', { fieldProblems: [{ field: 'phone', messageKey: 'validation.phone_number' }] })
      const phoneIndex = cipher.blindIndex('phone', phone.e164)

      /** Someone already known registered again: a note on their timeline, nothing else (nothing is disclosed). */
      const noteKnown = async (tx: Prisma.TransactionClient, channel: ChannelRow, customerId: string, principal: AuthenticatedContext) => {
        const note = await tx.activity.create({
          data: {
            customerId,
            type: 'note',
            occurredAt: new Date(),
            content: `客户通过「${channel.team.name}」的二维码（${channel.name}）再次自助登记，填写的姓名：${input.name}`,
            authorId: principal.user.id,
          },
        })
        await recomputeCustomerMetrics(tx, customerId)
        // No person acted: the entry names no actor.
        await recordAudit(tx, ctx, { action: 'create', resource: 'activity', resourceId: note.id, customerId, label: 'note', meta: { via: 'self_register', channelId: channel.id } }, null)
        return customerId
      }

      const outcome = await db.$transaction(async (tx) => {
        const channel = await channelOfForm(tx, form, 'self_register')
        const claim =
          idempotencyKey === undefined
            ? undefined
            : await claimIdempotencyKey(tx, { scope: `device:${form.deviceHash}`, key: idempotencyKey, operation: 'registrations.submit', body: input })
        if (claim !== undefined && claim.replayOf !== null) return { replayed: true }
        const principal = await actingPrincipal(tx, ctx, channel)
        const known = await customerWithPhone(tx, phoneIndex)
        if (known !== null) {
          // Not inside `claim?.complete(...)`: optional chaining would skip the note when no key was sent.
          const noted = await noteKnown(tx, channel, known, principal)
          await claim?.complete(noted)
          return { replayed: false }
        }
        const customerInput = CustomerInput.parse({
          name: input.name,
          source: channel.team.name.slice(0, 50),
          ownerId: channel.staff !== null && !channel.staff.disabled ? channel.staff.id : null,
          consent: { marketing: true, channel: input.client === 'miniapp' ? 'miniapp' : 'web', note: `自助登记：${channel.name}`.slice(0, 500) },
          phones: [{ type: 'mobile', number: phone.e164 }],
        })
        // The customers module creates it (its checks, history and audit) inside this transaction, so the key, the
        // customer and its history commit together and a public write holds one database connection.
        const created = await customers
          .createInTransaction(tx, principal, customerInput)
          .then(async (customer) => {
            await recordCustomerEvents(tx, 'customer.created', [{ customerId: customer.id }])
            return customer
          })
          .catch(async (error: unknown) => {
            // Someone registered the same number a moment ago (the duplicate check reads before writing, so this
            // transaction is still usable): now it is a known customer, and the answer must not tell.
            if (error instanceof AppError && error.code === 'CUSTOMER_DUPLICATE') {
              const now = await customerWithPhone(tx, phoneIndex)
              if (now !== null) return { id: await noteKnown(tx, channel, now, principal) }
            }
            throw error
          })
        await claim?.complete(created.id)
        return { replayed: false }
      }, transactionOptions)
      return outcome.replayed ? { received: true, replayed: true } : { received: true }
    },
  }
}

/** Unattached photos older than this are removed by the housekeeping job (the form was abandoned). */
export const unattachedPhotoLifetimeHours = 24

/** Removes photos uploaded for forms that were never sent. */
export const purgeAbandonedPhotos = async (db: { $executeRaw: Prisma.TransactionClient['$executeRaw'] }): Promise<number> =>
  db.$executeRaw`DELETE FROM feedback_photos WHERE feedback_id IS NULL AND created_at < now() - make_interval(hours => ${unattachedPhotoLifetimeHours})`
