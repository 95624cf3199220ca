import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import { config as zodConfig } from 'zod';
import { zhCN as zodChinese } from 'zod/locales';
import zh_CN from 'antd/locale/zh_CN';
import { captureToken } from './api/session';
import { App } from './App';
import { theme } from './theme';
import 'antd/dist/antd.css';
import './styles.css';

// Browser mode: the page URL carries the server's token once; keep it and clean the address bar.
captureToken();
// The contract's schemas carry their own Chinese messages; zod's generic ones are Chinese too.
zodConfig(zodChinese());

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');

createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zh_CN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
