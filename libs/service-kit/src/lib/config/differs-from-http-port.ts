import { ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';

/** MGMT_PORT may not be the API port: the point of it is that probes and scrapes are not on the public port. */
@ValidatorConstraint({ name: 'differsFromHttpPort' })
export class DiffersFromHttpPort implements ValidatorConstraintInterface {
  validate(port: number, args: ValidationArguments): boolean {
    return port === 0 || port !== (args.object as { HTTP_PORT?: number }).HTTP_PORT;
  }

  defaultMessage(): string {
    return 'must differ from HTTP_PORT (health and metrics get a port of their own)';
  }
}
