import { randomInt } from 'node:crypto'
import bcrypt from 'bcryptjs'

const cost = 10

export const hashPassword = (password: string): Promise<string> => bcrypt.hash(password, cost)

export const verifyPassword = (password: string, hash: string): Promise<boolean> => bcrypt.compare(password, hash)

// Compared against when the user does not exist, so a wrong username takes as long as a wrong password.
// It hashes a random string nobody kept and has the same cost as real hashes; it belongs to no account.
const dummyHash = '$2b$10$H4nbK8nhfDCGGA8cphPMV.jtxU/cGUOy6YajptwitS3pfOeG0UG6y'
export const burnPasswordCheck = async (password: string): Promise<void> => {
  await verifyPassword(password, dummyHash)
}

// No look-alike characters (0/O, 1/l/I): generated passwords are read from logs and typed by hand.
const passwordAlphabet = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'

export const generatePassword = (length = 16): string =>
  Array.from({ length }, () => passwordAlphabet[randomInt(passwordAlphabet.length)]).join('')
