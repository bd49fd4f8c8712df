import { useState } from 'react';
import { CardIcon, CashIcon } from '../../../components/icons';
import { RadioCard } from '../../../components/radio-card';
import type { PaymentMethod } from '../api/payment-methods';
import { CardForm, parseCard, type CardDraft } from './card-form';

/**
 * Which of `methods` the shopper pays with (the first until they choose) and the card they type.
 * `cardInput()`, when paying, gives the card as the API takes it (undefined for a method without
 * one), or marks the card's mistake and gives false.
 */
export function usePaymentChoice(methods: PaymentMethod[]) {
  const [method, choose] = useState<string | null>(null);
  const chosen = methods.find((m) => m.id === method) ?? methods[0] ?? null;
  const [card, setCard] = useState<CardDraft>({ number: '', expiry: '', cvc: '' });
  const [cardErrors, setCardErrors] = useState<Partial<Record<keyof CardDraft, string>>>({});
  const cardInput = () => {
    const parsed = chosen?.requires_card ? parseCard(card) : undefined;
    if (parsed && !parsed.ok) {
      setCardErrors({ [parsed.field]: parsed.message });
      return false;
    }
    setCardErrors({});
    return parsed?.card;
  };
  return { methods, chosen, choose, card, setCard, cardErrors, cardInput };
}

/** The payment methods as radio cards, and the card form while the chosen one takes a card. */
export function PaymentChoice({
  label,
  name,
  choice,
}: {
  label: string;
  name: string;
  choice: ReturnType<typeof usePaymentChoice>;
}) {
  const { chosen } = choice;
  return (
    <>
      <div role="radiogroup" aria-label={label} className="grid gap-2 sm:grid-cols-2">
        {choice.methods.map((m) => (
          <RadioCard
            key={m.id}
            name={name}
            checked={chosen?.id === m.id}
            onChange={() => choice.choose(m.id)}
          >
            {m.requires_card ? (
              <CardIcon className="text-brand-700" />
            ) : (
              <CashIcon className="text-brand-700" />
            )}
            <span className="font-semibold">{m.name}</span>
          </RadioCard>
        ))}
      </div>
      {chosen?.requires_card && (
        <CardForm
          value={choice.card}
          onChange={choice.setCard}
          errors={choice.cardErrors}
          testCards={chosen.config.test_mode ? chosen.config.test_cards : undefined}
        />
      )}
    </>
  );
}
