// The public API's JSON shapes (../shared/CONTRACT.md) as the dashboard uses them.

export interface Tokens {
    accessToken: string;
    refreshToken: string;
    tokenType?: string;
    expiresIn?: number;
}

export interface User {
    id: string;
    email: string;
    name: string;
    createdAt: string;
}

export interface Plan {
    code: string;
    name: string;
    priceMonthlyCents: number;
    currency: string;
    botLimit: number;
    monthlyMessageLimit: number;
    trialDays: number;
}

export interface Usage {
    messages: number;
    messageLimit: number;
    bots: number;
    botLimit: number;
}

export interface Subscription {
    plan: string;
    status: "TRIALING" | "ACTIVE" | "CANCELED" | "EXPIRED" | string;
    currentPeriodStart?: string;
    currentPeriodEnd?: string;
    usage?: Usage;
}

/** A subscription that currently allows bots and messages. */
export function isLive(subscription: Subscription | null | undefined): boolean {
    return subscription?.status === "TRIALING" || subscription?.status === "ACTIVE";
}

export interface BotSettings {
    name: string;
    systemPrompt: string;
    language: string;
    welcomeMessage: string;
    fallbackMessage: string;
    status?: "ACTIVE" | "PAUSED";
}

export interface Bot extends BotSettings {
    id: string;
    status: "ACTIVE" | "PAUSED";
    createdAt: string;
    updatedAt: string;
}

export interface KnowledgeDoc {
    id: string;
    title: string;
    chars: number;
    createdAt: string;
}

export interface TelegramConnection {
    status: string;
    username: string;
    webhookUrl: string;
    connectedAt?: string;
}

export interface AskAnswer {
    text: string;
    kind: "ANSWER" | "FALLBACK" | "LIMIT" | string;
    sources: { docId: string; title: string }[];
}

/** An RFC 9457 problem body. */
export interface Problem {
    type?: string;
    title?: string;
    status?: number;
    detail?: string;
    instance?: string;
    errors?: { field: string; message: string }[];
}
