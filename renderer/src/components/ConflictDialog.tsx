/**
 * No lost updates (issue 17): the one way an edit form meets a record someone else saved since it opened. Every
 * edit form of an editable record sends the revision it was opened with (`expectedRevision`); main refuses a save
 * over a newer one as CONFLICT, writing nothing, and names who changed it when. The form stays open with what was
 * typed, and this dialog shows, field by field where they differ, what the form opened with, what the record is
 * now (read fresh) and what was typed — with the form's own labels — and lets the person decide:
 * - 用我的内容覆盖: save again on the fresh revision (the person saw the other change and chose theirs);
 * - 采用对方的内容: the form takes the fresh values (and revision), to be looked at and saved or closed;
 * - 继续编辑: the dialog closes, the typing stays; saving again asks again.
 *
 * A form uses `useRevision`: `opened(values, revision)` when it fills, `expected()` in its save's input,
 * `guard(send, typed)` around the save, and renders `dialog`.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Modal, Space, Table } from 'antd';
import { ApiError, errorMessage } from '../api/errors';
import { zhCN } from '../i18n/zh-CN';

const t = zhCN.conflict;

/** A field of the form as the dialog shows it: its label, and its value in words (an id as its name). */
export interface ConflictField<V> {
  name: keyof V & string;
  label: string;
  show?: (value: unknown) => string;
}

interface Row {
  key: string;
  label: string;
  opened: string;
  theirs: string;
  mine: string;
}

interface Shown<V> {
  message: string;
  rows: Row[];
  fresh: { values: V; revision: number };
}

export interface RevisionOptions<V> {
  fields: readonly ConflictField<V>[];
  /** The record as it is now, read fresh from main, in the form's values, with its revision. */
  readFresh: () => Promise<{ values: V; revision: number }>;
  /** 采用对方的内容: put these values into the form. */
  fill: (values: V) => void;
  /** 用我的内容覆盖: save the form again (expected() is the fresh revision by then). */
  resave: () => void;
}

export interface Revision<V> {
  /** The form was filled from the record: what it opened with, and the record's revision. */
  opened: (values: V, revision: number) => void;
  /** The revision to send as expectedRevision. */
  expected: () => number | undefined;
  /** Run a save; a CONFLICT reads the record fresh and opens the dialog, and is thrown on for the form's message. */
  guard: <T>(send: () => Promise<T>, typed: V) => Promise<T>;
  dialog: ReactNode;
}

export function isConflict(e: unknown): e is ApiError {
  return e instanceof ApiError && e.code === 'CONFLICT';
}

function words(field: ConflictField<unknown>, value: unknown): string {
  const shown = field.show ? field.show(value) : value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return shown.trim();
}

export function useRevision<V extends object>({ fields, readFresh, fill, resave }: RevisionOptions<V>): Revision<V> {
  // Refs, not state: the resave right after 用我的内容覆盖 must send the fresh revision at once.
  const openedValues = useRef<V | null>(null);
  const revision = useRef<number | undefined>(undefined);
  const [shown, setShown] = useState<Shown<V> | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const guard: Revision<V>['guard'] = async (send, typed) => {
    try {
      return await send();
    } catch (e) {
      if (isConflict(e)) {
        try {
          const fresh = await readFresh();
          const rows = fields.map((f): Row => {
            const value = (side: V | null) => words(f as ConflictField<unknown>, side ? (side as Record<string, unknown>)[f.name] : undefined);
            return { key: f.name, label: f.label, opened: value(openedValues.current), theirs: value(fresh.values), mine: value(typed) };
          }).filter((r) => r.opened !== r.theirs || r.theirs !== r.mine);
          setReadError(null);
          setShown({ message: e.message, rows, fresh });
        } catch (readFailure) {
          setReadError(`${t.readFailed}${errorMessage(readFailure)}`);
          setShown({ message: e.message, rows: [], fresh: { values: typed, revision: revision.current ?? 0 } });
        }
      }
      throw e;
    }
  };

  const close = () => setShown(null);
  const cell = (v: string) => (v === '' ? <span className="conflict-empty">{t.empty}</span> : <span className="conflict-value">{v}</span>);

  const dialog = (
    <Modal
      open={shown !== null}
      title={t.title}
      width={820}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close} data-testid="conflict-keep-editing">{t.keepEditing}</Button>
          <Button
            disabled={readError !== null}
            onClick={() => {
              if (!shown) return;
              openedValues.current = shown.fresh.values;
              revision.current = shown.fresh.revision;
              fill(shown.fresh.values);
              close();
            }}
            data-testid="conflict-take-theirs"
          >
            {t.takeTheirs}
          </Button>
          <Button
            type="primary"
            danger
            disabled={readError !== null}
            onClick={() => {
              if (!shown) return;
              // The person saw the other change and chose their own: the save now expects what they saw.
              openedValues.current = shown.fresh.values;
              revision.current = shown.fresh.revision;
              close();
              resave();
            }}
            data-testid="conflict-overwrite"
          >
            {t.overwrite}
          </Button>
        </Space>
      }
    >
      <div data-testid="conflict-dialog">
        <Alert type="warning" showIcon message={shown?.message} data-testid="conflict-message" />
        {readError && <Alert type="error" showIcon message={readError} className="conflict-help" />}
        <p className="conflict-help">{shown && shown.rows.length === 0 && !readError ? t.sameAll : t.help}</p>
        {shown && shown.rows.length > 0 && (
          <Table<Row>
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={shown.rows}
            data-testid="conflict-table"
            columns={[
              { title: t.field, dataIndex: 'label', width: 110 },
              { title: t.opened, dataIndex: 'opened', render: cell },
              { title: t.theirs, dataIndex: 'theirs', render: (v: string, r) => <span className={r.theirs !== r.opened ? 'conflict-changed' : undefined}>{cell(v)}</span> },
              { title: t.mine, dataIndex: 'mine', render: (v: string, r) => <span className={r.mine !== r.opened ? 'conflict-changed' : undefined}>{cell(v)}</span> },
            ]}
          />
        )}
      </div>
    </Modal>
  );

  return {
    opened: (values, rev) => {
      openedValues.current = values;
      revision.current = rev;
    },
    expected: () => revision.current,
    guard,
    dialog,
  };
}
