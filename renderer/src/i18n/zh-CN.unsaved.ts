/** Texts of the one question before unsaved text is thrown away (unsavedChanges.ts, components/UnsavedChangesGuard), merged into zhCN.unsaved. */
export const unsavedText = {
  title: '有未保存的修改',
  body: (what: string) => `${what}有未保存的修改，离开将丢失。`,
  bodyClose: (what: string) => `${what}尚未保存，关闭将丢失。`,
  stay: '留在本页',
  leave: '放弃修改并离开',
  /** A dialog's own 取消 / ×: the dialog closes, the page stays. */
  discard: '放弃修改',
  keepEditing: '继续填写',
  /** Descriptions of what would be lost. */
  dialogForm: '对话框中填写的内容',
  pageForm: '本页填写的内容',
};
