import { Image, Skeleton, Space } from 'antd';
import React from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedbackDetail } from '@/api/types';
import { fetchFeedbackPhoto } from '@/services/feedback';
import { feedbackKeys } from '@/services/queryKeys';
import { useObjectUrl } from '@/utils/useObjectUrl';

function Photo({ feedbackId, photoId, index }: { feedbackId: string; photoId: string; index: number }) {
  const { t } = useTranslation();
  const photo = useObjectUrl([...feedbackKeys.detail(feedbackId), 'photo', photoId], (signal) =>
    fetchFeedbackPhoto(feedbackId, photoId, signal),
  );
  if (!photo.url) return <Skeleton.Image active={photo.isPending} style={{ width: 96, height: 96 }} />;
  return (
    <Image
      src={photo.url}
      alt={t('feedback.detail.photoAlt', { index: index + 1 })}
      width={96}
      height={96}
      style={{ objectFit: 'cover', borderRadius: 4 }}
    />
  );
}

/** The customer's photos as thumbnails; a click opens antd's preview, with arrows between them. */
export function FeedbackPhotos({ feedback }: { feedback: Pick<FeedbackDetail, 'id' | 'photos'> }) {
  return (
    <Image.PreviewGroup>
      <Space wrap>
        {feedback.photos.map((photo, index) => (
          <Photo key={photo.id} feedbackId={feedback.id} photoId={photo.id} index={index} />
        ))}
      </Space>
    </Image.PreviewGroup>
  );
}
