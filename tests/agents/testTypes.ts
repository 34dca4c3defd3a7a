export type { DataMap, DataMapVariable, TableDefinition } from '@/lib/pipeline/types';
export type { ModelCallRequest } from '@/lib/llm/types';
