// Test only, bundled in place of '@temporalio/workflow' by the replay spec (docs/upgrades.md, the worked example):
// every patched() answers true, as if a change to a running workflow had been shipped without its guard. A
// history recorded before the change then meets the new code on replay, exactly as a running case would.
export * from '@temporalio/workflow/lib/index';

export function patched(_patchId: string): boolean {
  return true;
}
