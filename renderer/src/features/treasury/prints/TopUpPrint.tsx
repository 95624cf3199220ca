/**
 * 住宅专项维修资金续交通知 (续筹): one page per part whose balance is below the
 * community's top-up trigger (fund.households, belowTopUpOnly) — addressed to
 * its owners, with the part's initial deposit due, what was deposited, earned,
 * used and transferred, the balance, the trigger and target lines, and the
 * amount that brings it to the target in figures and 大写; the rule in words.
 */
import { useState } from 'react';
import { Alert } from 'antd';
import { invoke } from '../../../api/client';
import { useAsync } from '../../../api/useAsync';
import { groupedArea, todayChinese } from '../../../format';
import { navigate } from '../../../router';
import { PrintPage } from '../../print/PrintPage';
import { CONFIRM_ABOVE_HOUSEHOLDS, Issuer, ManyHouseholds, Offices, RepeatedTitle, capitals, fenOf, loadCommunity, loadNotice, money, t, yuan, type CommunityHead } from './printShared';

type Household = Awaited<ReturnType<typeof loadBelow>>['rows'][number];
function loadBelow(communityId: string) {
  return invoke('fund.households', { communityId, text: '', belowTopUpOnly: true, offset: 0, limit: 50_000 });
}

export function TopUpPrint({ communityId }: { communityId: string }) {
  const loaded = useAsync(async () => {
    const [community, households] = await Promise.all([loadCommunity(communityId), loadBelow(communityId)]);
    return { community, households: households.rows.filter((h) => h.belowTopUp) };
  }, [communityId]);
  const data = loaded.data;
  const back = () => navigate({ name: 'fund', communityId });

  let notice = loadNotice(loaded.error, data !== undefined);
  if (!notice && data && data.households.length === 0) notice = <Alert type="info" showIcon title={t.topUpNone} data-testid="top-up-none" />;
  const [confirmed, setConfirmed] = useState(false);
  if (!notice && data && data.households.length > CONFIRM_ABOVE_HOUSEHOLDS && !confirmed) {
    notice = <ManyHouseholds count={data.households.length} onPrint={() => setConfirmed(true)} onBack={back} />;
  }
  const ready = notice === null && data !== undefined;

  return (
    <PrintPage
      testId="top-up-print"
      title={t.topUpTitle}
      meta={<Offices community={data?.community} />}
      ready={ready}
      notice={notice ?? undefined}
      onBack={back}
    >
      {data && ready && data.households.map((h, i) => (
        <section key={h.partId} className="fund-print-sheet" data-testid="top-up-notice" data-address={h.address}>
          {i > 0 && <RepeatedTitle title={t.topUpTitle} meta={<Offices community={data.community} />} />}
          <TopUpNotice h={h} community={data.community} />
        </section>
      ))}
    </PrintPage>
  );
}

function addressee(h: Household, developer: string): string {
  if (h.owners) return t.topUpAddressee(h.address, h.owners);
  return developer ? t.topUpAddresseeDeveloper(h.address, developer) : t.topUpAddresseeUnknown(h.address);
}

function TopUpNotice({ h, community }: { h: Household; community: CommunityHead }) {
  const { topUpTriggerPercent: trigger, topUpTargetPercent: target } = community.settings.fundRules;
  const initial = fenOf(h.initialDue);
  const balance = fenOf(h.balance);
  const amount = fenOf(h.topUp);
  // The balance is below the trigger when balance × 100 < initial × percent, i.e. below ⌈initial × percent / 100⌉ fen.
  const triggerLine = Math.ceil((initial * trigger) / 100);
  // What main asks brings the balance to the target: the target line is balance + top-up.
  const targetLine = balance + amount;
  const today = todayChinese();
  const rows: [string, string, string][] = [
    ['initial', t.topUpInitial, yuan(h.initialDue)],
    ['deposited', t.topUpDeposited, yuan(h.deposited)],
    ['earnings', t.topUpEarnings, yuan(h.earnings)],
    ['charges', t.topUpCharges, yuan(h.charges)],
    ['transfers', t.topUpTransfers, yuan(h.transfers)],
    ['balance', t.topUpBalance, yuan(h.balance)],
    ['trigger', t.topUpTrigger(trigger), money(triggerLine)],
    ['target', t.topUpTarget(target), money(targetLine)],
  ];
  return (
    <>
      <p className="fund-print-addressee" data-testid="top-up-addressee">{addressee(h, community.developer)}：</p>
      <p className="fund-print-p">{t.topUpIntro(today, h.address, groupedArea(h.area))}</p>
      <table className="print-table fund-print-table" data-testid="top-up-figures">
        <colgroup><col style={{ width: '60%' }} /><col style={{ width: '40%' }} /></colgroup>
        <thead><tr><th>{t.topUpFigure}</th><th>{t.amountYuan}</th></tr></thead>
        <tbody>
          {rows.map(([key, label, value]) => <tr key={key} data-testid={`top-up-${key}`}><td>{label}</td><td className="num">{value}</td></tr>)}
          <tr className="fund-print-total" data-testid="top-up-amount"><td>{t.topUpAmount}</td><td className="num">{yuan(h.topUp)}</td></tr>
          <tr data-testid="top-up-capitals"><td>{t.topUpAmountCapitals}</td><td className="fund-print-capitals">{capitals(h.topUp)}</td></tr>
        </tbody>
      </table>
      <p className="fund-print-p">{t.topUpRule(trigger, target)}</p>
      <p className="fund-print-p">{t.topUpBelow(yuan(h.balance), trigger, money(triggerLine))}</p>
      <p className="fund-print-p" data-testid="top-up-ask">{t.topUpAsk(yuan(h.topUp), capitals(h.topUp))}</p>
      <p className="fund-print-p">{t.topUpThanks}</p>
      <Issuer community={community.name} date={today} />
    </>
  );
}
