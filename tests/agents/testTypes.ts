export type { DataMap, DataMapVariable, TableDefinition } from '@/lib/core/types';
export type { ModelCallRequest } from '@/lib/llm/types';
