import { defaultPayloadConverter } from '@temporalio/common';
import { loggableWorkflowId, REQUEST_ID_HEADER, requestIdFromHeaders, withRequestIdHeader } from './request-id.header';

describe('the request id header', () => {
  it('round-trips a request id and leaves headers alone when there is none', () => {
    const headers = { other: defaultPayloadConverter.toPayload('kept') };
    const withId = withRequestIdHeader(headers, 'obs-toewijzing-1');
    expect(Object.keys(withId).sort()).toEqual(['other', REQUEST_ID_HEADER]);
    expect(requestIdFromHeaders(withId)).toBe('obs-toewijzing-1');
    expect(withRequestIdHeader(headers, undefined)).toBe(headers);
    expect(requestIdFromHeaders(headers)).toBeUndefined();
    expect(requestIdFromHeaders(undefined)).toBeUndefined();
  });

  it('ignores a header value that is not a request id the API would have accepted', () => {
    for (const value of ['Sanne de Vries', '', 'x'.repeat(101), 42, { id: 'a' }]) {
      expect(requestIdFromHeaders({ [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload(value) })).toBeUndefined();
    }
    expect(requestIdFromHeaders({ [REQUEST_ID_HEADER]: { metadata: { encoding: new TextEncoder().encode('binary/encrypted') }, data: new Uint8Array([1]) } })).toBeUndefined();
  });

  it("shows a child plan's workflow id without its childRef, and other ids as they are", () => {
    expect(loggableWorkflowId('child-lln-7f3a9c')).toBe('child-[redacted]');
    expect(loggableWorkflowId('referral-0b0c6a43-3c52-4c38-a3a4-3e0e2bd1c1b9')).toBe('referral-0b0c6a43-3c52-4c38-a3a4-3e0e2bd1c1b9');
  });
});
