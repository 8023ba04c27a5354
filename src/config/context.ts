/** What parsing needs from the outside world, passed in (the config room reads no globals). */
export interface ConfigContext {
  /** Name used in messages: the config file's path as the user wrote it, or `action inputs`. */
  source: string;
  /** Absolute folder that relative paths are resolved against (the config file's folder). */
  baseDir: string;
  /** Environment, for `${env.X}` references (checked at parse time) . */
  env: Record<string, string | undefined>;
  /** CPU cores of this machine, for `workers: auto`. */
  cores: number;
}
