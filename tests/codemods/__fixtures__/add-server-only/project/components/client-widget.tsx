'use client';

export function Widget() {
  return <span>{process.env.WIDGET_SECRET}</span>;
}
