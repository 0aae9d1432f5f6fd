import { DesktopOutlined, LogoutOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { history, useModel } from '@umijs/max';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Space } from 'antd';
import React from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { loginPath } from '@/api/client';
import { signOut } from '@/auth/session';
import { LanguageSwitch } from '@/components/LanguageSwitch';

export function HeaderActions() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { initialState, setInitialState } = useModel('@@initialState');
  const user = initialState?.currentUser;

  const handleLogout = async () => {
    await signOut();
    queryClient.clear();
    // The user must be gone before /login renders, or it would still see a session.
    flushSync(() => {
      void setInitialState((state) => (state ? { ...state, currentUser: undefined } : state));
    });
    history.replace(loginPath);
  };

  return (
    <Space size="middle" style={{ paddingInline: 16 }}>
      <LanguageSwitch />
      {user && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              {
                key: 'security',
                icon: <SafetyOutlined />,
                label: t('user.security'),
                onClick: () => history.push('/account/security'),
              },
              {
                key: 'sessions',
                icon: <DesktopOutlined />,
                label: t('user.sessions'),
                onClick: () => history.push('/account/sessions'),
              },
              { type: 'divider' },
              { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), onClick: handleLogout },
            ],
          }}
        >
          <Button type="text" icon={<UserOutlined />} aria-haspopup="menu">
            {user.displayName}
          </Button>
        </Dropdown>
      )}
    </Space>
  );
}
