/**
 * Zod's built-in messages in Chinese (for what our own schemas do not word
 * themselves, e.g. an unexpected key). Imported by the contract, so both the
 * renderer's forms and main's validation use it.
 */
import { z } from 'zod';

z.config(z.locales.zhCN());
