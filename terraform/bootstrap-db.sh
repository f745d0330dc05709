#!/usr/bin/env bash
# Once per Aurora cluster (and again to rotate the two logins): as the RDS-managed master user, create the
# schema owner and the application role, generate their passwords and put them into the secrets Terraform
# made (<env>-tact-db/tact_migrator, <env>-tact-db/tact_app). No password passes through Terraform.
#
#   terraform/bootstrap-db.sh <env>        from a host that reaches the cluster on 5432 (a security group in
#                                          aurora.admin_security_groups), with psql, the AWS CLI and jq
#   DB_AUTH=iam terraform/bootstrap-db.sh <env>   when the environment has db_auth = "iam": tact_app then gets
#                                          rds_iam, which makes RDS refuse its password (IAM tokens only)
# Reads the names from `terraform output` of terraform/deploy (TF_DATA_DIR of that env), so run it after the
# first apply. Afterwards: the migration task (Flyway as tact_migrator), then the services start.
set -euo pipefail
env=${1:?usage: bootstrap-db.sh <env>}
cd "$(dirname "$0")/deploy"
export TF_DATA_DIR=${TF_DATA_DIR:-.terraform-$env}

aurora=$(terraform output -json aurora)
master_secret=$(jq -r .master_user_secret_arn <<<"$aurora")
app_secret=$(jq -r .app_secret_arn <<<"$aurora")
migrator_secret=$(jq -r .migrator_secret_arn <<<"$aurora")
host=$(jq -r .writer_endpoint <<<"$aurora")
[ "$master_secret" != null ] || { echo "no RDS-managed master secret (global database?): export PGUSER/PGPASSWORD yourself" >&2; }

if [ "$master_secret" != null ]; then
  master=$(aws secretsmanager get-secret-value --secret-id "$master_secret" --query SecretString --output text)
  export PGUSER=$(jq -r .username <<<"$master") PGPASSWORD=$(jq -r .password <<<"$master")
fi
export PGHOST=$host PGDATABASE=tact PGSSLMODE=require

password() { aws secretsmanager get-random-password --password-length 40 --exclude-punctuation --query RandomPassword --output text; }
app_password=$(password)
migrator_password=$(password)

iam=$([ "${DB_AUTH:-password}" = iam ] && echo on || echo off)
# the passwords reach psql on stdin (\set; printf is a shell builtin), never on a command line, and psql quotes
# them (:'name'); they are alphanumeric (--exclude-punctuation)
{
printf "\\set app_password '%s'\n\\set migrator_password '%s'\n\\set iam %s\n" "$app_password" "$migrator_password" "$iam"
cat <<'SQL'
SELECT format('CREATE ROLE tact_migrator LOGIN') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tact_migrator') \gexec
SELECT format('CREATE ROLE tact_app LOGIN') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tact_app') \gexec
ALTER ROLE tact_migrator PASSWORD :'migrator_password';
ALTER ROLE tact_app PASSWORD :'app_password';
-- PostgreSQL 16 gives the creator of a role admin option but not membership; handing the schema to
-- tact_migrator and setting its default privileges both need membership
GRANT tact_migrator TO CURRENT_USER;
-- db_auth = "iam": with rds_iam RDS accepts only IAM tokens for tact_app; without it only the password
\if :iam
GRANT rds_iam TO tact_app;
\else
REVOKE rds_iam FROM tact_app;
\endif

-- the migrator owns the schema Flyway writes into; the application only uses what is in it
GRANT CONNECT, TEMPORARY ON DATABASE tact TO tact_migrator, tact_app;
ALTER SCHEMA public OWNER TO tact_migrator;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO tact_app;
-- rows only: what Flyway creates later is granted by default privileges of its owner
ALTER DEFAULT PRIVILEGES FOR ROLE tact_migrator IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tact_app;
ALTER DEFAULT PRIVILEGES FOR ROLE tact_migrator IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO tact_app;
ALTER DEFAULT PRIVILEGES FOR ROLE tact_migrator IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO tact_app;
-- and what exists already (a cluster that ran the services as master before)
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tact_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO tact_app;
SQL
} | psql -v ON_ERROR_STOP=1 -q

put() { aws secretsmanager put-secret-value --secret-id "$1" --secret-string "$(jq -cn --arg u "$2" --arg p "$3" '{username: $u, password: $p}')" >/dev/null; }
put "$migrator_secret" tact_migrator "$migrator_password"
put "$app_secret" tact_app "$app_password"
echo "tact_migrator and tact_app set; secrets updated. Running services keep their connections;"
echo "new connections need the new password: aws ecs update-service --force-new-deployment per service (docs/infrastructure.md)."
