/** Open311 GeoReport v2: `services/{service_code}.json|.xml`, the definition of one service (its `kind` attribute). */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { getServiceDefinition, methodNotAllowed } from '~/services/open311.server';

export function loader({ request, params }: LoaderFunctionArgs) {
  return getServiceDefinition(request, params.code);
}

export function action({ request, params }: ActionFunctionArgs) {
  return methodNotAllowed(request, params.code, () => true);
}
