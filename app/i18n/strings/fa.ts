/** The Persian strings as a module of their own: in the browser build, the chunk `_shared/fa-HASH.js`. */
import strings from '../../../locales/fa/common.json';

export default strings;
