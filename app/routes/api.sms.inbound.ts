/**
 * `POST /api/sms/inbound`: the SMS gateway's webhook (docs/DESIGN.md §5). Texts from citizens with a basic phone become items
 * or status questions; all the work is in app/services/sms-inbound.server.ts.
 */
import type { ActionFunctionArgs } from '@remix-run/node';
import { handleInboundSms, smsMethodNotAllowed } from '~/services/sms-inbound.server';

export function loader() {
  return smsMethodNotAllowed();
}

export function action({ request }: ActionFunctionArgs) {
  return handleInboundSms(request);
}
