/** The signed-in person as main reports them (the contract's `user`): what the shell and the auth screens show. */
import type { z } from 'zod';
import type { user as userSchema } from '../../../../../shared/contract/system';

export type User = z.output<typeof userSchema>;
