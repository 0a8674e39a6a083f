/**
 * Open311 GeoReport v2: `requests/{service_request_id}.json|.xml`, one request by its public reference (public
 * fields only; never by its tracking code). Look-ups are counted per client address.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getRequest, methodNotAllowed } from '~/services/open311.server';
import { clientKey } from '~/services/rate-limit.server';

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return getRequest(request, params.id, clientKey(context));
}

export function action({ request, params }: ActionFunctionArgs) {
  // Whether the reference exists is not looked up: a 405 for any well-formed address is enough and reads nothing.
  return methodNotAllowed(request, params.id, () => true);
}
