import { Button, Space, Typography } from 'antd';
import React from 'react';

/** What the footer needs of an infinite query (TanStack Query's useInfiniteQuery result has it). */
export interface PagedList {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * The footer of a list loaded page by page: how many rows are shown and, while more exist, the button that loads them.
 * `centered` lays it out in the middle with wider spacing, as the data pages do.
 */
export function LoadMoreFooter({
  list,
  shown,
  loadMoreLabel,
  centered = false,
}: {
  list: PagedList;
  shown: React.ReactNode;
  loadMoreLabel: React.ReactNode;
  centered?: boolean;
}) {
  const content = (
    <>
      <Typography.Text type="secondary">{shown}</Typography.Text>
      {list.hasNextPage && (
        <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
          {loadMoreLabel}
        </Button>
      )}
    </>
  );
  return centered ? (
    <div style={{ textAlign: 'center' }}>
      <Space size={12}>{content}</Space>
    </div>
  ) : (
    <Space>{content}</Space>
  );
}
