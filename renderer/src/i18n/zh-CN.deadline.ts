/** The words of a deadline's countdown (components/Deadline.tsx, components/deadline.ts). */
export const deadlineText = {
  daysLeft: (n: number) => `还剩 ${n} 天`,
  hoursLeft: (n: number) => `还剩 ${n} 小时`,
  minutesLeft: (n: number) => `还剩 ${n} 分钟`,
  todayLeft: (hours: number) => `今天到期（还剩 ${hours} 小时）`,
  tomorrowLeft: (hours: number) => `明天到期（还剩 ${hours} 小时）`,
  daysOver: (n: number) => `已逾期 ${n} 天`,
  hoursOver: (n: number) => `已逾期 ${n} 小时`,
  minutesOver: (n: number) => `已逾期 ${n} 分钟`,
  levelName: { overdue: '已逾期', soon: '临近', later: '' } as Record<'overdue' | 'soon' | 'later', string>,
};
