/** The change of one's own password as a form checks it: the contract's input and the new password typed twice alike. */
import { z } from 'zod';
import { changePasswordInput } from '../../../../../shared/contract/system';
import { zhCN } from '../../../i18n/zh-CN';

export const changePasswordForm = changePasswordInput
  .extend({ confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ['confirm'], error: zhCN.accounts.passwordsDiffer });

export const emptyPasswordForm = { oldPassword: '', newPassword: '', confirm: '' };
