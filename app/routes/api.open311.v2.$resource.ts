/**
 * Open311 GeoReport v2: `services.json|.xml` (the catalogue), `discovery.json|.xml` (service discovery) and
 * `requests.json|.xml` (search; POST files a request with an API key). All the work is in
 * app/services/open311.server.ts.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { collectionAction, getCollection } from '~/services/open311.server';
import { clientKey } from '~/services/rate-limit.server';

export function loader({ request, params, context }: LoaderFunctionArgs) {
  return getCollection(request, params.resource, clientKey(context));
}

export function action({ request, params }: ActionFunctionArgs) {
  return collectionAction(request, params.resource);
}
