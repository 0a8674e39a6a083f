/** Open311 GeoReport v2: `requests/{service_request_id}.json|.xml`, one request by its tracking code (public fields only). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getRequest, methodNotAllowed } from '~/services/open311.server';

export function loader({ request, params }: LoaderFunctionArgs) {
  return getRequest(request, params.id);
}

export function action({ request, params }: ActionFunctionArgs) {
  // Whether the code exists is not looked up: a 405 for any well-formed address is enough and reads nothing.
  return methodNotAllowed(request, params.id, () => true);
}
