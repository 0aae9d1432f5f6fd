import React from 'react';

/** A PageContainer title that is a real heading (found by role and name), looking like the plain title. */
export function PageTitle({ children }: { children: React.ReactNode }) {
  return <h1 style={{ margin: 0, fontSize: 'inherit', fontWeight: 'inherit', lineHeight: 'inherit' }}>{children}</h1>;
}
