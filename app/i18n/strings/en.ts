/** The English strings as a module of their own: in the browser build, the chunk `_shared/en-HASH.js`. */
import strings from '../../../locales/en/common.json';

export default strings;
