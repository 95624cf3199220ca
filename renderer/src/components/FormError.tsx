import { Alert } from 'antd';

/** Errors that belong to no single field (a refusal from main, a rule across fields). */
export function FormError({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      className="form-error"
      role="alert"
      title={messages.length === 1 ? messages[0] : <ul className="plain-list">{messages.map((m) => <li key={m}>{m}</li>)}</ul>}
    />
  );
}
