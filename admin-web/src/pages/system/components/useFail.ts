import { useTranslation } from 'react-i18next';
import { ApiRequestError } from '@/api/errors';
import { useMessage } from '@/components/AppProviders/message';

/** Shows a failed call's server message (already in the reader's language), or a generic one. */
export function useFail() {
  const { t } = useTranslation();
  const message = useMessage();
  return (error: unknown) => {
    message.error(error instanceof ApiRequestError ? error.message : t('common.requestFailed'));
  };
}
