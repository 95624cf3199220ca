import type { ThemeConfig } from 'antd';

/** Calm, dense office look: system Chinese fonts, small radii, compact rows. */
export const theme: ThemeConfig = {
  zeroRuntime: true,
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      "-apple-system, 'Segoe UI', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { siderBg: '#ffffff', headerBg: '#ffffff', headerHeight: 48, headerPadding: '0 20px', bodyBg: '#f3f5f8' },
    Menu: { itemHeight: 38, itemMarginBlock: 2 },
  },
};
