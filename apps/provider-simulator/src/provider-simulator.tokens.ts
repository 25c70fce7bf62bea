/** Injection token of the simulator's ProviderSimulatorConfig. */
export const PROVIDER_SIMULATOR_CONFIG = Symbol('PROVIDER_SIMULATOR_CONFIG');
