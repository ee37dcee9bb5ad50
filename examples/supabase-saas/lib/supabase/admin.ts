import 'server-only';
import { createClient } from '@supabase/supabase-js';
import type { Database } from '@/types/supabase';

/**
 * The service-role client. It bypasses Row Level Security: every query on it must say whose rows it wants.
 * Used by route handlers that need to write across RLS (billing state, webhooks).
 */
export const supabaseAdmin = createClient<Database>(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});
