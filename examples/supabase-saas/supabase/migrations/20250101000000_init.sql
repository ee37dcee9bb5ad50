-- Tenancy lives in RLS for the user-bound client; the service-role client bypasses all of this.
create table accounts (id uuid primary key default gen_random_uuid(), name text not null, stripe_customer_id text, created_at timestamptz not null default now());
create table memberships (account_id uuid not null references accounts, user_id uuid not null references auth.users, role text not null default 'member', primary key (account_id, user_id));
create table invoices (id uuid primary key default gen_random_uuid(), account_id uuid not null references accounts, number int not null, customer_name text not null, amount_cents int not null, status text not null default 'draft', created_at timestamptz not null default now());

alter table invoices enable row level security;
create policy "members read their account's invoices" on invoices for select
  using (account_id in (select account_id from memberships where user_id = auth.uid()));
