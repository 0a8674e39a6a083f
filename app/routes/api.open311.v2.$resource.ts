/**
 * Open311 GeoReport v2: `services.json|.xml` (the catalogue) and `requests.json|.xml` (search; POST files a request
 * with an API key). All the work is in app/services/open311.server.ts.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { collectionAction, getCollection } from '~/services/open311.server';

export function loader({ request, params }: LoaderFunctionArgs) {
  return getCollection(request, params.resource);
}

export function action({ request, params }: ActionFunctionArgs) {
  return collectionAction(request, params.resource);
}
