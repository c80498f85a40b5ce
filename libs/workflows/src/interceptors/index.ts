// The workflow interceptors module, as the bundler loads it (`workflowInterceptorModules`): it must export `interceptors`.
export { interceptors } from './workflow.interceptors';
