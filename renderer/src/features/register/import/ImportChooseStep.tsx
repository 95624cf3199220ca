import { Button, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useTableFileChooser } from '../../../components/useTableFileChooser';
import { formatBytes } from '../../../format';
import { zhCN } from '../../../i18n/zh-CN';
import { useCommunities } from '../communities/CommunitiesContext';

const t = zhCN.importer;

/** Where the rows go: a new community by its name (rules by default), or an existing one without parts. */
export type ImportTarget = { kind: 'new'; name: string } | { kind: 'existing'; id: string };

interface Props {
  file: File | null;
  onFile: (file: File | null) => void;
  target: ImportTarget;
  onTarget: (target: ImportTarget) => void;
  onTemplate: () => void;
  templateBusy: boolean;
}

/** Step 1: the file and the community — nothing else is asked. */
export function ImportChooseStep({ file, onFile, target, onTarget, onTemplate, templateBusy }: Props) {
  const chooser = useTableFileChooser(onFile, 'file-input');
  const empty = (useCommunities().list ?? []).filter((c) => c.parts === 0);
  return (
    <div className="import-choose" data-testid="import-choose">
      <Form layout="vertical" className="compact-form" component="div">
        <Form.Item label={t.fileLabel} required extra={<span>{t.templateHint} <Button type="link" size="small" onClick={onTemplate} loading={templateBusy} data-testid="download-template">{t.downloadTemplate}</Button></span>}>
          <Space wrap>
            <Button onClick={chooser.open} data-testid="choose-file">{file ? t.changeFile : t.chooseFile}</Button>
            <span className="file-name" data-testid="file-name">{file ? `${file.name}（${formatBytes(file.size)}）` : t.noFile}</span>
          </Space>
          {chooser.input}
        </Form.Item>
        <Form.Item label={t.target} required>
          <Radio.Group
            value={target.kind}
            data-testid="import-target"
            onChange={(e) => onTarget(e.target.value === 'new' ? { kind: 'new', name: '' } : { kind: 'existing', id: empty[0]?.id ?? '' })}
            options={[{ value: 'new', label: t.targetNew }, { value: 'existing', label: t.targetExisting, disabled: empty.length === 0 }]}
          />
        </Form.Item>
        {target.kind === 'new' ? (
          <Form.Item label={t.communityName} required htmlFor="import-community-name">
            <Input
              id="import-community-name"
              maxLength={60}
              value={target.name}
              placeholder={t.communityNamePlaceholder}
              onChange={(e) => onTarget({ kind: 'new', name: e.target.value })}
              data-testid="import-community-name"
            />
          </Form.Item>
        ) : (
          <Form.Item label={t.communityName} required>
            <Select
              value={target.id || undefined}
              placeholder={t.existingPlaceholder}
              notFoundContent={t.noEmptyCommunity}
              onChange={(id: string) => onTarget({ kind: 'existing', id })}
              options={empty.map((c) => ({ value: c.id, label: c.name }))}
              data-testid="import-existing"
            />
          </Form.Item>
        )}
      </Form>
      <Typography.Paragraph type="secondary" className="import-defaults-note">{t.defaultsNote}</Typography.Paragraph>
    </div>
  );
}
