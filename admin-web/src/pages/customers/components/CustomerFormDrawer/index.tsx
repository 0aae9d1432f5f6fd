import { useAccess } from '@umijs/max';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Form, Skeleton, Space } from 'antd';
import React, { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import type { Customer, DuplicateMatch, PhoneType } from '@/api/types';
import { useMessage } from '@/components/AppProviders/message';
import { setFieldErrors, valueAtPath } from '@/utils/formErrors';
import { lookupDuplicates, useCreateCustomer, useCustomer, useUpdateCustomer } from '@/services/customers';
import { customerKeys } from '@/services/queryKeys';
import { useCustomFieldDefinitions, useLevels, useTags } from '@/services/reference';
import { phoneForLookup } from '@/utils/phone';
import { CustomerFormFields } from './CustomerFormFields';
import {
  emptyCustomerFormValues,
  formPathOf,
  toCustomerFormValues,
  toCustomerInput,
  type CustomerFormValues,
} from './customerForm';
import { SaveProblem } from './SaveProblem';
import {
  duplicateIssues,
  duplicateKind,
  versionConflictCurrent,
  type DuplicateIssue,
  type SaveProblemState,
} from './saveProblems';

export interface CustomerFormDrawerProps {
  open: boolean;
  /** The customer to edit; absent when creating one. */
  customerId?: string;
  onClose: () => void;
  onSaved?: (customer: Customer, created: boolean) => void;
}

const plausibleEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Hints = Record<'phone' | 'email', Record<number, DuplicateMatch[]>>;
const noHints: Hints = { phone: {}, email: {} };

export function CustomerFormDrawer({ open, customerId, onClose, onSaved }: CustomerFormDrawerProps) {
  const { t } = useTranslation();
  const message = useMessage();
  const access = useAccess();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<CustomerFormValues>();
  const existing = useCustomer(open ? customerId : undefined);
  const tags = useTags();
  const levels = useLevels();
  const customFields = useCustomFieldDefinitions();
  const createCustomer = useCreateCustomer();
  const updateCustomer = useUpdateCustomer();

  // The record the form was filled from: its version goes with the update, so a change someone
  // else saved meanwhile is detected instead of overwritten. A background refetch must not move it.
  const [base, setBase] = useState<Customer | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [problem, setProblem] = useState<SaveProblemState>(null);
  const [hints, setHints] = useState<Hints>(noHints);

  useEffect(() => {
    if (open && customerId && existing.data && base?.id !== customerId) setBase(existing.data);
  }, [open, customerId, existing.data, base]);

  const editing = Boolean(customerId);
  const definitions = customFields.data ?? [];
  const referenceReady = (levels.data || levels.isError) && (customFields.data || customFields.isError);
  const ready = referenceReady && (!editing || base !== null);

  const reset = () => {
    setBase(null);
    setProblem(null);
    setHints(noHints);
    setFormKey((key) => key + 1);
  };

  const lookup = async (kind: 'phone' | 'email', rowKey: number, value: string, phoneType?: PhoneType) => {
    const query =
      kind === 'phone'
        ? phoneForLookup(value, phoneType)
        : plausibleEmail.test(value.trim())
          ? value.trim()
          : null;
    const setRow = (matches: DuplicateMatch[]) =>
      setHints((current) => ({ ...current, [kind]: { ...current[kind], [rowKey]: matches } }));
    if (!query) {
      setRow([]);
      return;
    }
    try {
      const result = await lookupDuplicates(queryClient, {
        [kind]: query,
        ...(customerId ? { excludeId: customerId } : {}),
      });
      setRow(result.matches);
    } catch {
      // Only a hint: the save checks duplicates again and answers with a 409.
      setRow([]);
    }
  };

  // The 409 names the other customer by id only; the duplicate lookup also knows its name (when the
  // caller may see it), so the notice can read like the hint under the field.
  const withNames = (issues: DuplicateIssue[]) =>
    Promise.all(
      issues.map(async (issue) => {
        const kind = duplicateKind(issue.field);
        const path = formPathOf(issue.field);
        const value = path ? valueAtPath(form.getFieldsValue(true), path) : undefined;
        if (!kind || typeof value !== 'string' || !value.trim()) return issue;
        try {
          const { matches } = await lookupDuplicates(queryClient, {
            [kind]: kind === 'phone' ? (phoneForLookup(value, 'other') ?? value.trim()) : value.trim(),
            ...(customerId ? { excludeId: customerId } : {}),
          });
          const match = matches.find((candidate) => candidate.customerId === issue.existingCustomerId);
          return match ? { ...issue, existingName: match.name } : issue;
        } catch {
          return issue;
        }
      }),
    );

  const save = async (options: { force?: { reason: string }; version?: number } = {}) => {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const values = form.getFieldsValue(true);
    const input = toCustomerInput(values, { tags: tags.data ?? [], customFields: definitions });
    // Staff who may not assign owners send none: the server keeps the owner (or makes them the owner).
    if (!access.canAssignOwner) delete input.ownerId;
    if (options.force) input.force = options.force;
    try {
      const saved = base
        ? await updateCustomer.mutateAsync({
            id: base.id,
            patch: { ...input, version: options.version ?? base.version },
          })
        : await createCustomer.mutateAsync(input);
      message.success(t(base ? 'customers.updated' : 'customers.created', { name: saved.name }));
      onSaved?.(saved, !base);
      onClose();
    } catch (error) {
      if (!(error instanceof ApiRequestError)) throw error;
      const duplicates = error.code === 'CUSTOMER_DUPLICATE' ? duplicateIssues(error) : [];
      if (duplicates.length > 0) {
        setProblem({ kind: 'duplicate', message: error.message, issues: await withNames(duplicates) });
        return;
      }
      const current = error.code === 'CUSTOMER_VERSION_CONFLICT' ? versionConflictCurrent(error) : null;
      if (current) {
        queryClient.setQueryData(customerKeys.detail(current.id), current);
        setProblem({ kind: 'conflict', message: error.message, current });
        return;
      }
      const unmatched: string[] = [];
      const fields: { name: (string | number)[]; errors: string[] }[] = [];
      for (const issue of error.details) {
        const name = formPathOf(issue.field);
        if (name) fields.push({ name, errors: [issue.message] });
        else unmatched.push(issue.message);
      }
      setFieldErrors(form, fields);
      setProblem(null);
      // Problems the form has no field for are added to the server's summary.
      message.error([error.message, ...unmatched].join(' '));
    }
  };

  const initialValues = base
    ? toCustomerFormValues(base, definitions)
    : emptyCustomerFormValues(levels.data?.find((level) => level.isDefault)?.id ?? null);

  const saving = createCustomer.isPending || updateCustomer.isPending;
  const title = editing
    ? t('customerForm.editTitle', { name: base?.name ?? existing.data?.name ?? '' })
    : t('customers.create');

  return (
    <Drawer
      open={open}
      title={title}
      // The drawer's title is not tied to its dialog element; this names the dialog for screen
      // readers and tests (`getByRole('dialog', { name: '新建客户' })`).
      aria-label={title}
      width={760}
      destroyOnHidden
      maskClosable={false}
      onClose={onClose}
      afterOpenChange={(visible) => {
        if (!visible) reset();
      }}
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={!ready} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {existing.isError ? (
        <Alert type="error" showIcon message={existing.error.message} />
      ) : !ready ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <SaveProblem
            problem={problem}
            saving={saving}
            canForce={access.canForceDuplicate}
            onOpenExisting={onClose}
            onForce={(reason) => void save({ force: { reason } })}
            onReload={(current) => {
              setBase(current);
              setProblem(null);
              setFormKey((key) => key + 1);
            }}
            onOverwrite={(current) => {
              setBase(current);
              setProblem(null);
              void save({ version: current.version });
            }}
          />
          <CustomerFormFields
            key={`${customerId ?? 'new'}-${formKey}`}
            form={form}
            initialValues={initialValues}
            customFields={definitions}
            hints={hints}
            onLookup={(kind, rowKey, value, phoneType) => void lookup(kind, rowKey, value, phoneType)}
            onOpenDuplicate={onClose}
            onSubmit={() => void save()}
          />
        </>
      )}
    </Drawer>
  );
}
