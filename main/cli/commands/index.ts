/** Every command of the CLI, in the order the usage text and the README list them. */
import type { CommandSpec } from '../spec';
import { accountCommands } from './accounts';
import { databaseCommands } from './database';
import { fundCommands } from './fund';
import { governanceCommands } from './governance';
import { levelCommands } from './levels';
import { officeCommands } from './office';
import { rosterCommands } from './roster';
import { voteCommands } from './votes';

export const COMMANDS: readonly CommandSpec[] = [
  ...rosterCommands, ...databaseCommands, ...governanceCommands, ...voteCommands, ...fundCommands, ...officeCommands, ...accountCommands, ...levelCommands,
];
