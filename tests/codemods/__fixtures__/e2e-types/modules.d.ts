// Type stubs for the packages examples/leaky-saas imports but does not install, so that the codemods' end-to-end
// test can type-check what they changed with `tsc --noEmit`. Deliberately loose where the codemods do not reach
// (responses, auth providers) and typed where they do: Prisma delegates check the keys of every `where`.

declare module 'next/server' {
  export class NextResponse extends Response {
    static json(body: unknown, init?: ResponseInit): NextResponse;
  }
  export type NextRequest = Request;
}

declare module 'next/navigation' {
  export function redirect(url: string): never;
  export function notFound(): never;
}

declare module 'next/cache' {
  export function revalidatePath(path: string, type?: 'page' | 'layout'): void;
  export function unstable_cache<T extends (...args: any[]) => Promise<any>>(fn: T, keyParts?: string[], options?: { revalidate?: number | false; tags?: string[] }): T;
}

declare module 'next/headers' {
  export function headers(): Promise<Headers>;
  export function cookies(): Promise<{ get(name: string): { value: string } | undefined }>;
}

declare module 'next-auth' {
  // The app augments these (types/next-auth.d.ts): `User.accountId`, `Session.user`.
  export interface User {
    id: string;
    name?: string | null;
    email?: string | null;
  }
  export interface Session {
    expires?: string;
  }
  export interface DefaultSession {
    user?: { name?: string | null; email?: string | null; image?: string | null };
  }
  export interface NextAuthOptions {
    providers: unknown[];
    session?: { strategy?: 'jwt' | 'database' };
    callbacks?: {
      jwt?: (params: { token: import('next-auth/jwt').JWT; user?: User }) => unknown;
      session?: (params: { session: Session; token: import('next-auth/jwt').JWT }) => unknown;
    };
  }
  export function getServerSession(options?: NextAuthOptions): Promise<Session | null>;
  export default function NextAuth(options: NextAuthOptions): (req: Request) => Promise<Response>;
}

declare module 'next-auth/jwt' {
  export interface JWT {
    sub?: string;
  }
}

declare module 'next-auth/providers/github' {
  export default function GitHubProvider(options: { clientId: string; clientSecret: string }): unknown;
}

declare module 'stripe' {
  namespace Stripe {
    export type Event = { type: string; data: { object: any } };
  }
  class Stripe {
    constructor(key: string, options?: unknown);
    [resource: string]: any;
  }
  export default Stripe;
}

declare module '@prisma/client' {
  interface User { id: string; email: string; name: string | null; createdAt: Date; memberships: unknown; notes: unknown }
  interface Account {
    id: string;
    name: string;
    stripeCustomerId: string | null;
    createdAt: Date;
    memberships: unknown;
    invoices: unknown;
    subscriptions: unknown;
    notes: unknown;
  }
  interface Membership { id: string; userId: string; accountId: string; role: string; user: unknown; account: unknown }
  interface Invoice { id: string; accountId: string; number: number; amountCents: number; status: string; createdAt: Date; account: unknown }
  interface Subscription { id: string; accountId: string; stripeSubscriptionId: string; status: string; account: unknown }
  interface Note { id: string; accountId: string; authorId: string; body: string; createdAt: Date; account: unknown; author: unknown }
  interface Plan { id: string; name: string; priceId: string }

  /** Only the model's own fields (and AND/OR/NOT) are accepted: a tenant field a model does not have is an error. */
  type Where<T> = { [K in keyof T]?: unknown } & { AND?: unknown; OR?: unknown; NOT?: unknown };
  interface Args<T> {
    where?: Where<T>;
    select?: unknown;
    include?: unknown;
    orderBy?: unknown;
    take?: number;
    skip?: number;
    cursor?: unknown;
    distinct?: unknown;
    data?: unknown;
  }
  interface Delegate<T> {
    findMany(args?: Args<T>): Promise<Array<T & Record<string, any>>>;
    findFirst(args?: Args<T>): Promise<(T & Record<string, any>) | null>;
    findFirstOrThrow(args?: Args<T>): Promise<T & Record<string, any>>;
    findUnique(args: Args<T> & { where: Where<T> }): Promise<(T & Record<string, any>) | null>;
    findUniqueOrThrow(args: Args<T> & { where: Where<T> }): Promise<T & Record<string, any>>;
    count(args?: Args<T>): Promise<number>;
    create(args: { data: unknown; select?: unknown; include?: unknown }): Promise<T>;
    update(args: Args<T> & { where: Where<T>; data: unknown }): Promise<T>;
    updateMany(args: Args<T> & { data: unknown }): Promise<{ count: number }>;
    upsert(args: Args<T> & { where: Where<T>; create: unknown; update: unknown }): Promise<T>;
    delete(args: Args<T> & { where: Where<T> }): Promise<T>;
    deleteMany(args?: Args<T>): Promise<{ count: number }>;
    aggregate(args: Args<T> & Record<string, unknown>): Promise<any>;
    groupBy(args: Args<T> & Record<string, unknown>): Promise<any>;
  }
  export class PrismaClient {
    user: Delegate<User>;
    account: Delegate<Account>;
    membership: Delegate<Membership>;
    invoice: Delegate<Invoice>;
    subscription: Delegate<Subscription>;
    note: Delegate<Note>;
    plan: Delegate<Plan>;
    $transaction<R>(fn: (tx: PrismaClient) => Promise<R>): Promise<R>;
  }
}

declare module 'react' {
  export type ReactNode = unknown;
}

declare namespace JSX {
  type Element = unknown;
  interface IntrinsicElements {
    [name: string]: Record<string, unknown>;
  }
  interface IntrinsicAttributes {
    key?: string | number;
  }
}

declare const process: { env: Record<string, string | undefined> };
