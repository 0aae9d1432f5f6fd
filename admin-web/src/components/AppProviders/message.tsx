import { message } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import React, { createContext, useContext } from 'react';

// antd's <App> would give the same, but it also brings the modal and notification code into the
// entry chunk that the login page waits for; the console only needs toast messages everywhere.
const MessageContext = createContext<MessageInstance | null>(null);

export function MessageProvider({ children }: { children: React.ReactNode }) {
  const [messageApi, contextHolder] = message.useMessage();
  return (
    <MessageContext.Provider value={messageApi}>
      {contextHolder}
      {children}
    </MessageContext.Provider>
  );
}

/** Toast messages that follow the console's theme and language. */
export function useMessage(): MessageInstance {
  const messageApi = useContext(MessageContext);
  if (!messageApi) throw new Error('useMessage() needs <MessageProvider> above it');
  return messageApi;
}
