/** What the holder or staff must do next, and by when (contract §4.2: following the request). */
export interface PendingAction {
  action:
    | 'confirm-email'
    | 'submit-documents'
    | 'review'
    | 'record-payment'
    | 'issue'
    | 'hand-over'
    | 'renew';
  by: 'holder' | 'ecma-operator' | 'croec-agent' | 'system';
  deadline?: string;
}
