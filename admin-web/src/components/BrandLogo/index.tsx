import React from 'react';

// Two overlapping speech bubbles: a conversation with a customer, the heart of a CRM.
export function BrandLogo({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#1677ff" />
      <path
        d="M7 9.5A2.5 2.5 0 0 1 9.5 7h9A2.5 2.5 0 0 1 21 9.5v5a2.5 2.5 0 0 1-2.5 2.5H12l-4 3.5V17.4A2.5 2.5 0 0 1 7 15.5z"
        fill="#fff"
      />
      <path
        d="M23 12.5h.5A2.5 2.5 0 0 1 26 15v5a2.5 2.5 0 0 1-1 2v3l-3.5-2.5H16a2.5 2.5 0 0 1-2.5-2.5v-.5H19a4 4 0 0 0 4-4z"
        fill="#91caff"
      />
    </svg>
  );
}
