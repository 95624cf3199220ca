/**
 * Choose the owners of a part (several = co-owners) from the persons already
 * registered, or create one inline, and the date the new holding starts.
 */
import { useEffect, useState } from 'react';
import { Button, Empty, Form, Typography } from 'antd';
import { DateField } from '../../../components/DateField';
import type { z } from 'zod';
import { setOwnersInput, type maskedOwner } from '../../../../../shared/contract/register';
import { maskDocument, maskPhone } from '../../../../../shared/domain/identity';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { FormModal } from '../../../components/FormModal';
import { SearchBox } from '../../../components/SearchBox';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { todayDate } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { PersonForm } from '../persons/PersonForm';
import type { PartDetail } from './PartForm';

const t = zhCN.owners;

type Owner = z.output<typeof maskedOwner>;

interface Props {
  open: boolean;
  part: PartDetail;
  onClose: () => void;
  onSaved: (part: PartDetail) => void;
}

function OwnerMeta({ document, phone }: { document: string; phone: string }) {
  return <span className="owner-meta mono muted">{[document, phone].filter((v) => v !== '').join(' · ')}</span>;
}

export function SetOwnersModal({ open, part, onClose, onSaved }: Props) {
  const [form] = Form.useForm();
  const [selected, setSelected] = useState<Owner[]>(part.owners);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const { busy, errors, setErrors, submit: submitForm } = useFormSubmit(form);

  useEffect(() => {
    if (!open) return;
    setSelected(part.owners);
    setSearch('');
    setCreating(false);
    setErrors([]);
    form.setFieldsValue({ date: todayDate() });
  }, [open, part, form]);

  const found = useAsync(
    () => (open ? invoke('person.search', { communityId: part.communityId, search, limit: 20 }) : Promise.resolve([])),
    [open, part.communityId, search],
  );

  const add = (o: Owner) => setSelected((s) => (s.some((x) => x.personId === o.personId) ? s : [...s, o]));
  const remove = (id: string) => setSelected((s) => s.filter((x) => x.personId !== id));

  const save = () => submitForm(
    setOwnersInput,
    { partId: part.partId, personIds: selected.map((o) => o.personId), date: form.getFieldValue('date') },
    async (input) => onSaved(await invoke('part.setOwners', input)),
  );

  return (
    <FormModal
      open={open}
      title={`${t.title} · ${part.address}`}
      onCancel={onClose}
      width={720}
      save={{ busy, onSave: save, testId: 'owners-save', label: zhCN.common.save }}
      errors={errors}
      errorsTestId="owners-errors"
    >
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <div className="owners-columns">
        <section className="owners-col">
          <div className="section-title"><span>{t.selected}</span></div>
          {selected.length === 0 ? (
            <Typography.Text type="secondary">{t.noneSelected}</Typography.Text>
          ) : (
            <ul className="owner-list" data-testid="selected-owners">
              {selected.map((o) => (
                <li key={o.personId}>
                  <span className="owner-name">{o.name}</span>
                  <OwnerMeta document={o.document} phone={o.phone} />
                  <Button size="small" type="link" danger onClick={() => remove(o.personId)}>{t.remove}</Button>
                </li>
              ))}
            </ul>
          )}
          <Form form={form} layout="vertical" className="owners-date">
            <Form.Item name="date" label={t.startDate}>
              <DateField style={{ width: 180 }} data-testid="owners-from" />
            </Form.Item>
          </Form>
        </section>
        <section className="owners-col">
          <div className="section-title">
            <span>{t.search}</span>
            <Button size="small" onClick={() => setCreating((c) => !c)}>{t.newPerson}</Button>
          </div>
          {creating ? (
            <div className="inline-person-form">
              <PersonForm
                communityId={part.communityId}
                person={null}
                submitText={t.add}
                onCancel={() => setCreating(false)}
                onSaved={(p) => {
                  add({ personId: p.id, name: p.name, document: maskDocument(p.document), phone: maskPhone(p.phone) });
                  setCreating(false);
                }}
              />
            </div>
          ) : (
            <>
              <SearchBox value={search} onSearch={setSearch} placeholder={t.searchPlaceholder} delayMs={150} testId="person-search" />
              <ul className="owner-list results" data-testid="person-results">
                {(found.data ?? []).map((o) => (
                  <li key={o.personId}>
                    <span className="owner-name">{o.name}</span>
                    <OwnerMeta document={o.document} phone={o.phone} />
                    <Button size="small" type="link" disabled={selected.some((x) => x.personId === o.personId)} onClick={() => add(o)}>{t.add}</Button>
                  </li>
                ))}
              </ul>
              {found.data?.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.noResults} />}
            </>
          )}
        </section>
      </div>
    </FormModal>
  );
}
