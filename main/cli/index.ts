/**
 * The command line (docs/cli.md): the same services as the app, one JSON
 * document on stdout, exit 0 done / 1 refused / 2 usage error. The commands are
 * one table (./commands), from which the parser and the usage text come.
 */
import { AppError, isErrorEnvelope } from '../../shared/contract/errors';
import { faultOf } from '../db/faults';
import { COMMANDS } from './commands';
import { refusalFrom } from './session';
import { parseCommandLine, Refusal, UsageError, usageText } from './spec';

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help') throw new UsageError(usageText(COMMANDS));
    const { spec, input } = parseCommandLine(argv, COMMANDS);
    const output = await spec.run(input);
    print(output);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      print({ errors: [{ row: null, message: error.message.split('\n')[0] }] });
      process.stderr.write(`${error.message}\n${error.message.includes('\n') ? '' : `\n${usageText(COMMANDS)}\n`}`);
      return 2;
    }
    if (error instanceof Refusal) {
      print({ errors: error.errors });
      return 1;
    }
    if (error instanceof AppError || isErrorEnvelope(error)) {
      print({ errors: refusalFrom(error as AppError).errors });
      return 1;
    }
    // Full disk, read-only folder, a busy or locked or damaged database: named for what they are.
    const fault = faultOf(error);
    if (fault) {
      print({ errors: [{ row: null, message: fault.message }] });
      return 1;
    }
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    print({ errors: [{ row: null, message: `程序内部错误：${(error as Error).message}` }] });
    return 1;
  }
}

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
