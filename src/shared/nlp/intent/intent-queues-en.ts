/** Banking77's intents → e-commerce desk queues (see intent-queues.ts for the reasoning). */
import type { ServiceQueue } from './service-queues.js';

export const EN_INTENT_QUEUES: Readonly<Record<ServiceQueue, readonly string[]>> = {
  logistics: ['card_arrival', 'card_delivery_estimate', 'get_physical_card', 'order_physical_card', 'getting_spare_card', 'card_about_to_expire'],
  returns: [
    'request_refund', 'Refund_not_showing_up', 'transaction_charged_twice', 'card_payment_not_recognised', 'direct_debit_payment_not_recognised',
    'cash_withdrawal_not_recognised', 'extra_charge_on_statement', 'wrong_amount_of_cash_received', 'card_payment_wrong_exchange_rate',
    'wrong_exchange_rate_for_cash_withdrawal', 'reverted_card_payment?', 'cancel_transfer',
  ],
  billing: [
    'pending_cash_withdrawal', 'automatic_top_up', 'top_up_by_bank_transfer_charge', 'pending_top_up', 'top_up_limits', 'card_payment_fee_charged',
    'transfer_not_received_by_recipient', 'top_up_reverted', 'balance_not_updated_after_cheque_or_cash_deposit', 'topping_up_by_card',
    'pending_card_payment', 'declined_transfer', 'declined_card_payment', 'declined_cash_withdrawal', 'pending_transfer', 'transfer_timing',
    'transfer_fee_charged', 'receiving_money', 'failed_transfer', 'transfer_into_account', 'top_up_by_cash_or_cheque', 'top_up_failed',
    'balance_not_updated_after_bank_transfer', 'exchange_charge', 'top_up_by_card_charge', 'cash_withdrawal_charge', 'beneficiary_not_allowed',
    'verify_top_up',
  ],
  product: [
    'exchange_rate', 'fiat_currency_support', 'supported_cards_and_currencies', 'getting_virtual_card', 'get_disposable_virtual_card',
    'disposable_card_limits', 'card_acceptance', 'visa_or_mastercard', 'atm_support', 'country_support', 'apple_pay_or_google_pay',
    'exchange_via_app', 'card_not_working', 'contactless_not_working', 'virtual_card_not_working', 'card_linking', 'activate_my_card',
  ],
  account: [
    'lost_or_stolen_card', 'compromised_card', 'lost_or_stolen_phone', 'pin_blocked', 'change_pin', 'passcode_forgotten', 'edit_personal_details',
    'why_verify_identity', 'unable_to_verify_identity', 'verify_my_identity', 'verify_source_of_funds', 'terminate_account', 'age_limit',
    'card_swallowed',
  ],
};
